// The person's turn on an answered dispute: accept the answer, or contest it with a reason (which
// sends it to the independent reviewer). The buttons are disabled while a call runs.
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { useT } from '../../i18n';
import { acceptAnswer, contestAnswer, type Dispute } from './api';

export function PersonActions({ d, onDone }: { d: Dispute; onDone: (d: Dispute) => void }) {
  const { t } = useT('disputes');
  const [contesting, setContesting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  if (!d.steps.includes('accept_answer')) return null;
  const field = `contest-${d.id}`;
  const run = async (call: () => Promise<Dispute>) => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      onDone(await call());
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const sendContest = (e: Event) => {
    e.preventDefault();
    const found = reason.trim() ? [] : [{ field, message: t('errors.contest') }];
    setErrors(found);
    if (!found.length) void run(() => contestAnswer(d.id, reason.trim()));
  };
  const error = errors[0]?.message;
  return (
    <div class="dispute-actions">
      {failure ? <ErrorMessage error={failure} /> : null}
      {contesting ? (
        <form onSubmit={sendContest} noValidate>
          <ErrorSummary errors={errors} />
          <Field id={field} label={t('contestLabel')} error={error}>
            <textarea
              id={field}
              rows={3}
              maxLength={2000}
              value={reason}
              aria-describedby={describedBy(field, undefined, error)}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            />
          </Field>
          <div class="button-row">
            <button type="submit" class="button" disabled={busy}>
              {t('contestSend')}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => setContesting(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="button-row">
          <button type="button" class="button" disabled={busy} onClick={() => void run(() => acceptAnswer(d.id))}>
            {t('accept')}
          </button>
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => setContesting(true)}>
            {t('contest')}
          </button>
        </div>
      )}
    </div>
  );
}
