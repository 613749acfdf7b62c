// Every screen: one h1, the document title, and focus moved to the heading when the screen changes
// so that a screen-reader user hears where they arrived.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n';

export function Page({ title, lead, children, wide }: { title: string; lead?: string; children?: ComponentChildren; wide?: boolean }) {
  const { t } = useT();
  const appName = t('appName');
  const h1 = useRef<HTMLHeadingElement>(null);
  // Only when the screen changes: `t` is a new function on every render, and depending on it would
  // pull focus back to the heading on every keystroke in a form the page holds.
  useEffect(() => {
    document.title = `${title} · ${appName}`;
    h1.current?.focus();
  }, [title, appName]);
  return (
    <div class={wide ? 'page page-wide' : 'page'}>
      <h1 ref={h1} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </div>
  );
}
