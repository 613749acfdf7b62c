// After a certification, a declaration decision or a redemption, the dashboard asks for a rating of
// the agency (1–5 stars, an optional comment the agency alone reads). One interaction at a time; a
// rating is sent once (the button is disabled while it goes; the API refuses a second one).
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { pick, register, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { getMyRatings, rate, type DueRating } from './api';
import { messages } from './messages';
import './disputes.css';

register('disputes', messages);

export function RatingPrompt({ accountId }: { accountId: string }) {
  const { t } = useT('disputes');
  const ratings = useAsync(() => getMyRatings(accountId), [accountId]);
  const [thanked, setThanked] = useState(false);
  const due = ratings.data?.due ?? [];
  if (!due.length && !thanked) return null;
  return (
    <section class="card rating-prompt" aria-labelledby="rating-title" data-testid="rating-prompt">
      <h2 id="rating-title">{t('rate.title')}</h2>
      {thanked ? (
        <p class="notice notice-ok" role="status">
          {t('rate.thanks')}
        </p>
      ) : null}
      {due[0] ? (
        <RatingForm
          key={due[0].interaction.id}
          accountId={accountId}
          item={due[0]}
          onDone={() => {
            setThanked(true);
            ratings.reload();
          }}
        />
      ) : null}
      {due.length > 1 ? <p class="small muted">{t('rate.more', { count: due.length - 1 })}</p> : null}
    </section>
  );
}

function RatingForm({ accountId, item, onDone }: { accountId: string; item: DueRating; onDone: () => void }) {
  const { t, lang } = useT('disputes');
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found = stars ? [] : [{ field: 'stars-1', message: t('rate.chooseStars') }];
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await rate(accountId, { interaction: item.interaction, stars, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <p class="small muted">{t('rate.lead')}</p>
      <p>{t(`rate.${item.context}`, { agency: pick(item.agency.name, lang) || item.agency.code, date: formatDate(item.at, lang) })}</p>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <fieldset class={errors.length ? 'stars field-error' : 'stars'}>
        <legend>{t('rate.stars')}</legend>
        {errors[0] ? <p class="field-message">{errors[0].message}</p> : null}
        <div class="star-row">
          {[1, 2, 3, 4, 5].map((n) => (
            <div class="radio star" key={n}>
              <input type="radio" id={`stars-${n}`} name="stars" value={String(n)} checked={stars === n} onChange={() => setStars(n)} />
              <label for={`stars-${n}`}>{t('rate.star', { count: n })}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field id="rating-comment" label={t('rate.comment')} hint={t('rate.commentHint')}>
        <textarea
          id="rating-comment"
          rows={2}
          maxLength={1000}
          value={comment}
          aria-describedby={describedBy('rating-comment', 'h')}
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
        />
      </Field>
      <button type="submit" class="button" disabled={busy}>
        {t('rate.send')}
      </button>
    </form>
  );
}
