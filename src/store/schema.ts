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
  // Migration 0012.
  /** The display name sealed under the subject key (`display_name` is then ''); null once erased. */
  display_name_enc?: string | null;
  /** Set while the person has restricted processing (PDPA s.34); null otherwise. */
  restricted_at?: string | null;
  /** When the account was erased (status `left`): the row is a tombstone holding only what the counts need. */
  erased_at?: string | null;
  /** `holder` or `admin`. */
  erased_by?: string | null;
}

/** Each restriction of processing and its lifting (migration 0012). */
export interface AccountRestrictionsTable {
  id: string;
  account_id: string;
  restricted_at: string;
  /** `holder` or `admin`. */
  restricted_by: string;
  reason: string | null;
  lifted_at: string | null;
  lifted_by: string | null;
}

export interface ErasureTables {
  account_restrictions: AccountRestrictionsTable;
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
  /** When the version takes effect: as requested, or the approval time if the committee approved later. */
  effective_from: string;
  definition: string; // JSON IndicatorDefinition
  created_at: string;
  // Committee approval (migration 0006): a version is in force only once approved.
  status: 'proposed' | 'approved' | 'refused';
  /** The effective date its writer asked for. */
  requested_effective_from: string;
  /** `admin` or `agency:<code>`; null for the seed catalogue. */
  proposed_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  refusal_reason: string | null;
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
  /** JSON facts of a refusal (migration 0015): which cap, when possible again. */
  reason_details?: string | null;
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
  /** Points the rule gave before a cut (migration 0015); null when not cut. */
  points_requested?: number | null;
  /** Why `points` is less than `points_requested`: `yearly_ceiling` or `indicator_points_cap`. */
  cut_reason?: string | null;
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

export interface SessionsTable {
  /** SHA-256 of the session id; the id itself exists only in the person's cookie. */
  id_hash: string;
  data: string; // JSON
  expires_at: string;
}

/** A role a person (by national-ID hash) holds in an agency; what staff may do comes from here, never from the sign-in provider. */
export interface StaffRolesTable {
  id: string;
  agency_code: string;
  subject_hash: string;
  role: 'admin' | 'issuer' | 'certifier' | 'registrar' | 'partner' | 'committee' | 'reviewer';
  /** The staff member's name as the granting administrator entered it. */
  label: string;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
}

export interface SignInTables {
  sessions: SessionsTable;
  staff_roles: StaffRolesTable;
}

export interface Database
  extends PrivilegeTables,
    SignInTables,
    CardTables,
    OpportunityTables,
    CertificationTables,
    ImportTables,
    ErasureTables,
    ReversalTables,
    RuleTables,
    ConsentTables,
    DisputeTables,
    ExchangeTables {
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
  status: 'proposed' | 'approved' | 'refused' | 'withdrawn';
  stock_total: number | null;
  stock_used: number;
  created_at: string;
  approved_at: string | null;
  // Committee decision (migration 0006).
  /** `admin` or `agency:<code>`; null for the seed privileges. */
  proposed_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  refusal_reason: string | null;
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
  /** `reversal`: what a reversed credit took back from the balance (redemption_id is then the reversal's id). */
  kind: 'redeem' | 'refund' | 'reversal';
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

export interface AccountCardsTable {
  account_id: string;
  /** 2, 3, …: serial 1 is implied by the account itself. */
  serial: number;
  issued_at: string;
  /** Who re-issued it: `admin`, an agency code, or `holder`. */
  issued_by: string;
}

export interface CardTables {
  account_cards: AccountCardsTable;
}

export interface OpportunitiesTable {
  id: string;
  agency_code: string;
  /** The agency's own reference, for idempotent retries; null when none was given. */
  ref: string | null;
  request_hash: string | null;
  title_th: string;
  title_en: string | null;
  description_th: string | null;
  description_en: string | null;
  indicator_code: string;
  starts_at: string;
  ends_at: string;
  place_name: string;
  /** Subdistrict (6 digits), district (4) or province (2) code. */
  area_code: string;
  address: string | null;
  capacity: number | null;
  contact_phone: string | null;
  contact_email: string | null;
  /** An http(s) link, checked on write and never fetched by the platform. */
  contact_url: string | null;
  status: 'published' | 'cancelled';
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export interface OpportunityTables {
  opportunities: OpportunitiesTable;
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

export interface ImportsTable {
  id: string;
  agency_code: string;
  format: 'csv' | 'jsonl' | 'xml';
  file_name: string;
  sha256: string;
  size_bytes: number;
  /** CSV: the header's canonical column names (JSON array), so a resumed run needs no header; XML: the root's start tag and the record name. */
  columns: string | null;
  /** The spooled file's key, encrypted by the vault; null once the file is deleted. */
  spool_key_enc: string | null;
  /** Which data directory holds the spooled file (only a runner there can process it). */
  spool_location: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Byte offset just after the last committed chunk. */
  position: number;
  /** Line number at `position` (1-based). */
  line: number;
  rows_read: number;
  credited: number;
  pending: number;
  rejected: number;
  failed: number;
  /** Rows whose ref the agency had already sent before this upload (answered as before). */
  already_recorded: number;
  errors_stored: number;
  /** Why the import failed as a whole (a catalogue code), when status is `failed`. */
  error_code: string | null;
  /** The runner working on it, and when it last reported progress (a lease). */
  runner: string | null;
  heartbeat_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportErrorsTable {
  import_id: string;
  /** Line of the file where the row starts. */
  row: number;
  /** Order of the problems of one row. */
  seq: number;
  ref: string | null;
  column_name: string;
  code: string;
  outcome: 'failed' | 'rejected';
  detail: string | null;
}

export interface ImportRefsTable {
  import_id: string;
  ref: string;
  row: number;
}

export interface ImportTables {
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
  import_refs: ImportRefsTable;
}

/** The reversal of one erroneous credit by its issuer or certifier (migration 0013). */
export interface ReversalsTable {
  id: string;
  credit_id: string;
  account_id: string;
  /** The reversed credit's place in the log, which the reversal's leaf names. */
  credit_leaf_index: number;
  by_agency: string;
  by_role: 'issuer' | 'certifier';
  officer: string | null;
  reason_code: string;
  reason_text: string;
  /** SHA-256 of the request (credit, code, text): the same request again replays the reversal. */
  request_hash: string;
  /** The credit's points; `debited` were taken from the balance, `waived` had already been spent. */
  points: number;
  debited: number;
  waived: number;
  created_at: string;
}

/** A certificate issued with a status entry in a Bitstring Status List. */
export interface CertificatesTable {
  /** The credential's UUID (its id is urn:uuid:<id>). */
  id: string;
  account_id: string;
  kind: 'credit' | 'volunteer-hours' | 'annual-statement';
  status_list: number;
  status_index: number;
  issued_at: string;
}

export interface CertificateCreditsTable {
  certificate_id: string;
  credit_id: string;
}

export interface CertificateRevocationsTable {
  certificate_id: string;
  reversal_id: string;
  revoked_at: string;
}

export interface ReversalTables {
  reversals: ReversalsTable;
  certificates: CertificatesTable;
  certificate_credits: CertificateCreditsTable;
  certificate_revocations: CertificateRevocationsTable;
}

// Migration 0015: the committee's rules.
export interface GroupAssignmentsTable {
  group_code: string;
  agency_code: string;
  /** `admin` or `agency:<code>`; null for the seed assignments. */
  assigned_by: string | null;
  assigned_at: string;
}

export interface RuleSettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_by: string | null;
  updated_at: string;
}

export interface RuleTables {
  group_assignments: GroupAssignmentsTable;
  rule_settings: RuleSettingsTable;
}

/** A signed receipt of one consent change, kept so the person can download it again. */
export interface ConsentReceiptsTable {
  id: string;
  account_id: string;
  purpose: string;
  action: 'give' | 'withdraw';
  notice_version: string;
  at: string;
  /** The receipt as a JWS (compact JWT) signed with the platform's key. */
  token: string;
}

/** One read of a person's record by staff or a partner: who, when, what and why. */
export interface AccessLogTable {
  id: string;
  account_id: string;
  at: string;
  actor_kind: 'admin' | 'agency';
  agency_code: string | null;
  /** The signed-in officer (their national-ID lookup hash), when sign-in named one. */
  officer_id: string | null;
  /** The route that read it, e.g. `GET /api/v1/accounts/:id/credits`. */
  what: string;
  purpose: string;
  purpose_note: string | null;
  correlation_id: string | null;
}

/** An eligibility token handed to a person, so the partner's check is recorded against them. */
export interface EligibilityTokensTable {
  jti: string;
  account_id: string;
  partner_code: string;
  privilege_code: string;
  issued_at: string;
  expires_at: string;
}

export interface ConsentTables {
  consent_receipts: ConsentReceiptsTable;
  access_log: AccessLogTable;
  eligibility_tokens: EligibilityTokensTable;
}

/** The committee's answer deadline for disputes; the highest version applies to disputes filed from its creation. */
export interface DisputeSettingsTable {
  version: number;
  answer_days: number;
  /** `admin` or `agency:<code>`. */
  set_by: string;
  created_at: string;
}

export interface DisputesTable {
  id: string;
  account_id: string;
  kind: 'missing' | 'refused' | 'wrong_credit';
  subject_key: string;
  request_hash: string;
  credit_id: string | null;
  attestation_id: string | null;
  indicator_code: string;
  /** YYYY-MM-DD (Bangkok) of the deed. */
  occurred_on: string;
  respondent_code: string;
  respondent_role: 'issuer' | 'certifier';
  statement: string;
  status: 'open' | 'answered' | 'resolved' | 'escalated' | 'decided';
  answer_days: number;
  due_on: string;
  due_at: string;
  filed_at: string;
  answer: 'accept' | 'reject' | null;
  answer_text: string | null;
  answered_at: string | null;
  answered_by: string | null;
  accepted_at: string | null;
  escalation_reason: 'contested' | 'overdue' | null;
  contest_statement: string | null;
  escalated_at: string | null;
  reviewer_code: string | null;
  review: 'upheld' | 'dismissed' | null;
  review_text: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  correction_kind: 'credit' | 'reversal' | null;
  correction_id: string | null;
  corrected_at: string | null;
}

export interface DisputeEvidenceTable {
  dispute_id: string;
  account_id: string;
  sha256: string;
}

/** A citizen's rating of the agency of one interaction; the comment is the rated agency's to read alone. */
export interface RatingsTable {
  id: string;
  account_id: string;
  interaction_kind: 'attestation' | 'redemption';
  interaction_id: string;
  context: 'certification' | 'declaration' | 'redemption';
  agency_code: string;
  stars: number;
  comment: string | null;
  created_at: string;
}

export interface DisputeTables {
  dispute_settings: DisputeSettingsTable;
  disputes: DisputesTable;
  dispute_evidence: DisputeEvidenceTable;
  ratings: RatingsTable;
}

/** An Ed25519 public key an agency registered for signing its import manifests (migration 0016). */
export interface AgencySigningKeysTable {
  agency_code: string;
  /** RFC 7638 thumbprint of the public JWK: the `kid` a manifest names. */
  kid: string;
  /** The public JWK (JSON). */
  jwk: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** An import's manifest, the log position that covers its rows, and its receipt. */
export interface ImportExchangeTable {
  import_id: string;
  manifest_kid: string | null;
  /** The signed manifest (compact JWS) as the agency sent it. */
  manifest: string | null;
  /** The highest log entry sequence when the import finished; its receipt waits until all entries up to it are integrated. */
  log_seq: number | null;
  /** The platform's signed receipt (compact JWS), once issued. */
  receipt: string | null;
}

export interface ExchangeTables {
  agency_signing_keys: AgencySigningKeysTable;
  import_exchange: ImportExchangeTable;
}
