// What both counter panels share: one field for a code or a pasted token, the submit button, and
// the QR scan (camera or photo) that fills it.
import type { RefObject } from 'preact';
import { Field, describedBy } from '../../components/Form';
import { QrScan } from '../../components/QrScan';

export function CodeEntry(props: {
  id: string;
  inputClass: string;
  autocapitalize: 'characters' | 'off';
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onValue: (v: string) => void;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  field: RefObject<HTMLInputElement>;
  onSubmit: (e: Event) => void;
  onRead: (text: string) => void;
  scanId: string;
}) {
  const { id, hint, error } = props;
  return (
    <>
      <form onSubmit={props.onSubmit} noValidate>
        <Field id={id} label={props.label} hint={hint} error={error}>
          <input
            ref={props.field}
            id={id}
            class={props.inputClass}
            type="text"
            autocomplete="off"
            autocapitalize={props.autocapitalize}
            spellcheck={false}
            maxLength={4000}
            value={props.value}
            aria-describedby={describedBy(id, hint, error)}
            aria-invalid={error ? true : undefined}
            onInput={(e) => props.onValue((e.target as HTMLInputElement).value)}
          />
        </Field>
        <div class="counter-actions">
          <button type="submit" class="button button-large" disabled={props.busy}>
            {props.busy ? props.busyLabel : props.submitLabel}
          </button>
        </div>
      </form>
      <QrScan id={props.scanId} onRead={props.onRead} disabled={props.busy} />
    </>
  );
}
