// The answer at the counter, big enough to read from across it: green with a tick when the goods may
// be handed over, solid red with a cross when they must not. The panel holds it in an assertive live
// region, so a screen reader reads the answer out at once.
import type { ComponentChildren } from 'preact';
import { useT } from '../../i18n';

export function Outcome(props: { tone: 'go' | 'stop' | 'info'; title: string; testId: string; children?: ComponentChildren }) {
  const { t } = useT('counter');
  const { tone, title, testId, children } = props;
  return (
    <div class={`outcome outcome-${tone}`} data-testid={testId} data-tone={tone}>
      <p class="visually-hidden">{t('lastResult')}</p>
      <h3 class="outcome-title">
        <span class="outcome-icon" aria-hidden="true">
          {tone === 'go' ? '✓' : tone === 'stop' ? '✕' : 'i'}
        </span>
        <span>{title}</span>
      </h3>
      {children}
    </div>
  );
}
