// What staff do on one dispute: the respondent answers (accept with what it will correct, or reject
// with the reason) and later records the correction's id; the independent reviewer decides.
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, describedBy, type FieldError } from '../../components/Form';
import { useT } from '../../i18n';
import { answerDispute, decideDispute, linkCorrection, type Dispute } from './api';

type Choice = { value: string; label: string };

function ChoiceText(props: {
  id: string;
  legend: string;
  choices: Choice[];
  textLabel: string;
  textHint?: string;
  send: string;
  onSend: (choice: string, text: string) => Promise<Dispute>;
  onDone: (d: Dispute) => void;
  textIsId?: boolean;
}) {
  const { t } = useT('disputes');
  const [choice, setChoice] = useState(props.choices[0]!.value);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const tid = `${props.id}-text`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const bad = props.textIsId ? !/^[0-9a-f-]{36}$/i.test(text.trim()) : !text.trim();
    const found = bad ? [{ field: tid, message: t(props.textIsId ? 'errors.correction' : 'errors.text') }] : [];
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      props.onDone(await props.onSend(choice, text.trim()));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const error = errors[0]?.message;
  return (
    <form class="staff-action" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      {failure ? <ErrorMessage error={failure} /> : null}
      <fieldset>
        <legend>{props.legend}</legend>
        {props.choices.map((ch) => (
          <div class="radio" key={ch.value}>
            <input type="radio" id={`${props.id}-${ch.value}`} name={`${props.id}-choice`} checked={choice === ch.value} onChange={() => setChoice(ch.value)} />
            <label for={`${props.id}-${ch.value}`}>{ch.label}</label>
          </div>
        ))}
      </fieldset>
      <Field id={tid} label={props.textLabel} hint={props.textHint} error={error}>
        {props.textIsId ? (
          <input
            id={tid}
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={text}
            aria-describedby={describedBy(tid, props.textHint, error)}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
        ) : (
          <textarea
            id={tid}
            rows={3}
            maxLength={2000}
            value={text}
            aria-describedby={describedBy(tid, props.textHint, error)}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <button type="submit" class="button" disabled={busy}>
        {props.send}
      </button>
    </form>
  );
}

export function StaffActions({ d, onDone }: { d: Dispute; onDone: (d: Dispute) => void }) {
  const { t } = useT('disputes');
  if (d.steps.includes('answer'))
    return (
      <ChoiceText
        id={`answer-${d.id}`}
        legend={t('staff.decision')}
        choices={[
          { value: 'accept', label: t('staff.accept') },
          { value: 'reject', label: t('staff.reject') },
        ]}
        textLabel={t('staff.answerText')}
        textHint={t('staff.answerHint')}
        send={t('staff.sendAnswer')}
        onSend={(decision, text) => answerDispute(d.id, { decision: decision as 'accept' | 'reject', text })}
        onDone={onDone}
      />
    );
  if (d.steps.includes('decide'))
    return (
      <ChoiceText
        id={`decide-${d.id}`}
        legend={t('staff.review')}
        choices={[
          { value: 'upheld', label: t('staff.upheld') },
          { value: 'dismissed', label: t('staff.dismissed') },
        ]}
        textLabel={t('staff.reviewText')}
        send={t('staff.sendReview')}
        onSend={(decision, text) => decideDispute(d.id, { decision: decision as 'upheld' | 'dismissed', text })}
        onDone={onDone}
      />
    );
  if (d.steps.includes('link_correction'))
    return (
      <div>
        <h3>{t('staff.correctionTitle')}</h3>
        <p class="small">{t('staff.correctionLead')}</p>
        <ChoiceText
          id={`correction-${d.id}`}
          legend={t('staff.correctionKind')}
          choices={[
            { value: 'credit', label: t('staff.correctionCredit') },
            { value: 'reversal', label: t('staff.correctionReversal') },
          ]}
          textLabel={t('staff.correctionId')}
          textIsId
          send={t('staff.sendCorrection')}
          onSend={(kind, id) => linkCorrection(d.id, { kind: kind as 'credit' | 'reversal', id })}
          onDone={onDone}
        />
      </div>
    );
  return null;
}
