// The public log's current state, verified in the browser: the checkpoint's signature under the
// log's key, its size, root and origin, when it was signed, the witnesses that cosigned it, and
// what the log is for in plain words with the ways to check it.
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { register, useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { parseVerifierKey, verifyCheckpoint } from '../../lib/log-proof';
import { useAsync } from '../../lib/use-async';
import { getCheckpoint, getVerifierKey } from './api';
import { messages } from './messages';
import { noteSignatures, shortHash, toBase64 } from './note';
import './log.css';

register('log', messages);

async function loadLog() {
  const [verifierKey, checkpoint] = await Promise.all([
    getVerifierKey(),
    getCheckpoint().catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }),
  ]);
  if (!checkpoint) return { checkpoint: undefined };
  try {
    const key = parseVerifierKey(verifierKey);
    const cp = verifyCheckpoint(checkpoint.note, key);
    const witnesses = noteSignatures(checkpoint.note).filter((s) => s.name !== key.name);
    return { checkpoint: { ...cp, keyName: key.name, root: toBase64(cp.root), signedAt: checkpoint.signedAt, witnesses, valid: true as const } };
  } catch {
    // A key that is not a key, or a checkpoint it did not sign: either way nothing here can be trusted.
    return { checkpoint: { valid: false as const } };
  }
}

export default function LogPage() {
  const { t, lang } = useT('log');
  const data = useAsync(loadLog, []);
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { checkpoint: cp } = data.data;
  const verifyCommand = `npx khwamdee log verify ${window.location.origin}`;

  return (
    <Page title={t('title')} lead={t('lead')}>
      <section class="card log-card" aria-labelledby="checkpoint-title" data-testid="checkpoint">
        <h2 id="checkpoint-title">{t('currentTitle')}</h2>
        {!cp ? (
          <p>{t('empty')}</p>
        ) : !cp.valid ? (
          <p class="notice notice-error" role="alert" data-testid="checkpoint-status">
            {t('notVerified')}
          </p>
        ) : (
          <>
            <p class="log-verified" data-testid="checkpoint-status">
              {t('verified', { name: cp.keyName })}
            </p>
            <p class="small muted">{t('verifiedHere')}</p>
            <dl class="facts">
              <div>
                <dt>{t('size')}</dt>
                <dd data-testid="checkpoint-size">{t('sizeValue', { value: formatNumber(cp.size, lang) })}</dd>
              </div>
              <div>
                <dt>{t('root')}</dt>
                <dd>
                  <code title={cp.root}>{shortHash(cp.root)}</code>
                  <details>
                    <summary>{t('fullRoot')}</summary>
                    <code class="hash">{cp.root}</code>
                  </details>
                </dd>
              </div>
              <div>
                <dt>{t('origin')}</dt>
                <dd>
                  <code>{cp.origin}</code>
                </dd>
              </div>
              {cp.signedAt ? (
                <div>
                  <dt>{t('signedAt')}</dt>
                  <dd>{formatDateTime(cp.signedAt, lang)}</dd>
                </div>
              ) : null}
            </dl>
            <h3>{t('witnessesTitle')}</h3>
            {cp.witnesses.length === 0 ? (
              <p>{t('witnessesNone')}</p>
            ) : (
              <ul class="plain-list" data-testid="witnesses">
                {cp.witnesses.map((w) => (
                  <li key={w.name}>
                    {w.cosignedAt === undefined ? t('witnessNoTime', { name: w.name }) : t('witness', { name: w.name, date: formatDateTime(new Date(w.cosignedAt * 1000), lang) })}
                  </li>
                ))}
              </ul>
            )}
            <p class="small muted">{t('witnessesHint')}</p>
          </>
        )}
        <p>
          <a class="button" href="/log/check">
            {t('checkLink')}
          </a>
        </p>
      </section>

      <section aria-labelledby="what-title">
        <h2 id="what-title">{t('whatTitle')}</h2>
        <p>{t('what1')}</p>
        <p>{t('what2')}</p>
        <p>{t('what3')}</p>
        <p>{t('what4')}</p>
      </section>

      <section aria-labelledby="verify-title">
        <h2 id="verify-title">{t('verifyTitle')}</h2>
        <p>{t('verifyHint')}</p>
        <pre class="command">
          <code>{verifyCommand}</code>
        </pre>
        <p class="small muted">{t('verifyWitness')}</p>
      </section>
    </Page>
  );
}
