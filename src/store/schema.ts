// Table shapes as the query layer sees them. Times are ISO 8601 UTC strings in both databases so
// that SQLite and PostgreSQL sort and compare them the same way.
import type { Generated } from 'kysely';

export interface AreasTable {
  code: string;
  level: 'province' | 'district' | 'subdistrict';
  parent_code: string | null;
  name_th: string;
  name_en: string;
  settlement: 'urban' | 'semi-urban' | 'rural';
}

export interface AccountsTable {
  id: string;
  kind: 'person' | 'community' | 'organisation';
  display_name: string;
  area_code: string;
  scale_max: number;
  /** HMAC of the canonical identifier, for lookup; null for accounts without one. */
  identifier_hash: string | null;
  /** AES-GCM ciphertext of the canonical identifier. */
  identifier_enc: string | null;
  /** Encrypted per-account key for log commitments; deleting it makes the log unlinkable. */
  subject_key_enc: string | null;
  status: 'active' | 'left';
  created_at: string;
}

export interface ConsentsTable {
  account_id: string;
  purpose: string;
  notice_version: string;
  given_at: string;
  withdrawn_at: string | null;
}

export interface AgenciesTable {
  code: string;
  name_th: string;
  name_en: string;
  roles: string; // JSON array
  indicator_scopes: string; // JSON array
  area_scopes: string; // JSON array
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  token_hash: string;
  principal_kind: 'admin' | 'agency' | 'person';
  agency_code: string | null;
  account_id: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface IndicatorsTable {
  code: string;
  owner_kind: 'national' | 'agency' | 'local';
  owner_agency: string | null;
  created_at: string;
}

export interface IndicatorVersionsTable {
  code: string;
  version: number;
  effective_from: string;
  definition: string; // JSON IndicatorDefinition
  created_at: string;
}

export interface AttestationsTable {
  id: string;
  issuer_code: string;
  ref: string;
  request_hash: string;
  account_id: string | null;
  indicator_code: string;
  equivalence_group: string;
  rule_version: number | null;
  occurred_at: string;
  bangkok_day: string;
  year: number;
  quantity: number;
  /** Duration of an occurrence deed, for volunteer-hours statements (does not change points). */
  hours?: number | null;
  evidence: string | null;
  status: 'credited' | 'pending' | 'rejected';
  reason_code: string | null;
  reason_note: string | null;
  certifier_code: string | null;
  decided_at: string | null;
  created_at: string;
  /** The village-meeting decision that certified or rejected it, if it was decided at one. */
  meeting_id?: string | null;
  /** The signed-in officer who decided it, when sign-in named one (API keys do not). */
  decided_by?: string | null;
}

export interface CreditsTable {
  id: string;
  attestation_id: string;
  account_id: string;
  indicator_code: string;
  equivalence_group: string;
  domain: string;
  year: number;
  bangkok_day: string;
  occurred_at: string;
  points: number;
  rule_version: number;
  issuer_code: string;
  certifier_code: string | null;
  created_at: string;
}

export interface LogEntriesTable {
  seq: Generated<number>;
  kind: string;
  ref_id: string;
  leaf: string;
  created_at: string;
  /** Position in the Merkle tree, assigned by the sequencer when integrated. */
  leaf_index: number | null;
}

export interface Database extends PrivilegeTables, CertificationTables {
  areas: AreasTable;
  accounts: AccountsTable;
  consents: ConsentsTable;
  agencies: AgenciesTable;
  api_keys: ApiKeysTable;
  indicators: IndicatorsTable;
  indicator_versions: IndicatorVersionsTable;
  attestations: AttestationsTable;
  credits: CreditsTable;
  log_entries: LogEntriesTable;
}

export interface PrivilegesTable {
  code: string;
  partner_code: string;
  kind: 'threshold' | 'exchange';
  definition: string; // JSON PrivilegeDefinition
  status: 'proposed' | 'approved' | 'withdrawn';
  stock_total: number | null;
  stock_used: number;
  created_at: string;
  approved_at: string | null;
}

export interface RedemptionsTable {
  id: string;
  privilege_code: string;
  partner_code: string;
  account_id: string;
  points: number;
  status: 'issued' | 'confirmed' | 'expired';
  short_code: string;
  request_key: string;
  issued_at: string;
  expires_at: string;
  confirmed_at: string | null;
  closed_at: string | null;
}

export interface DebitsTable {
  id: string;
  account_id: string;
  /** Points taken from the balance; a refund is a negative debit referencing the same redemption. */
  points: number;
  kind: 'redeem' | 'refund';
  redemption_id: string;
  created_at: string;
}

export interface UsedTokensTable {
  jti: string;
  partner_code: string;
  used_at: string;
  expires_at: string;
}

export interface PartnerWebhooksTable {
  partner_code: string;
  url: string;
  secret_enc: string;
  created_at: string;
}

export interface WebhookOutboxTable {
  id: string;
  partner_code: string;
  event_type: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
}

export interface BalancePoliciesTable {
  version: number;
  /** Null: points no longer expire from this version on. */
  years_valid: number | null;
  effective_from: string;
  created_at: string;
}

export interface PrivilegeTables {
  balance_policies: BalancePoliciesTable;
  privileges: PrivilegesTable;
  redemptions: RedemptionsTable;
  debits: DebitsTable;
  used_tokens: UsedTokensTable;
  partner_webhooks: PartnerWebhooksTable;
  webhook_outbox: WebhookOutboxTable;
}

/** An uploaded evidence file of a person; the bytes are stored by hash under the data directory. */
export interface EvidenceFilesTable {
  account_id: string;
  /** Lower-case hex SHA-256 of the stored bytes (after photo metadata was removed). */
  sha256: string;
  media_type: string;
  size: number;
  created_at: string;
}

export interface AttestationEvidenceTable {
  attestation_id: string;
  account_id: string;
  sha256: string;
}

/** One decision of a certifier taken at a (village) meeting, recorded with the minutes' reference. */
export interface CertificationMeetingsTable {
  id: string;
  certifier_code: string;
  officer: string | null;
  /** YYYY-MM-DD, the day of the meeting (Bangkok). */
  meeting_date: string;
  minutes_ref: string;
  note: string | null;
  request_hash: string;
  approved_count: number;
  rejected_count: number;
  /** Approved items that became credits (an approval can still meet a cap). */
  credited_count: number;
  created_at: string;
}

export interface CertificationTables {
  evidence_files: EvidenceFilesTable;
  attestation_evidence: AttestationEvidenceTable;
  certification_meetings: CertificationMeetingsTable;
}
