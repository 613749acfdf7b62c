// One i18n library for every text a person reads (i18next): Thai by default, English switchable,
// the choice remembered on the device. Each feature registers its own namespace of messages when its
// chunk loads, so a screen carries only its own words.
import i18next, { type TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { common } from './common';

export type Lang = 'th' | 'en';
export type Messages = Record<string, string | Record<string, string>>;
export interface Bundle {
  th: Messages;
  en: Messages;
}

const STORAGE_KEY = 'khwamdee.lang';

function initialLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

export const i18n = i18next.createInstance();
void i18n.init({
  lng: initialLanguage(),
  fallbackLng: 'th',
  defaultNS: 'common',
  ns: ['common'],
  resources: { th: { common: common.th }, en: { common: common.en } },
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;

/** Registers a feature's messages under its namespace (idempotent). */
export function register(ns: string, bundle: Bundle): void {
  if (i18n.hasResourceBundle('th', ns)) return;
  i18n.addResourceBundle('th', ns, bundle.th);
  i18n.addResourceBundle('en', ns, bundle.en);
}

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export const currentLanguage = (): Lang => (i18n.language === 'en' ? 'en' : 'th');

/** The translate function of a namespace; the component re-renders when the language changes. */
export function useT(ns = 'common'): { t: TFunction; lang: Lang } {
  const [lang, setLang] = useState<Lang>(currentLanguage());
  useEffect(() => {
    const onChange = () => setLang(currentLanguage());
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  // The same function until the language changes, so effects that depend on it (Page moves focus to
  // the heading) run when the screen or its language changes, not at every render.
  const t = useMemo(() => i18n.getFixedT(lang, ns), [lang, ns]);
  return { t, lang };
}

/** Picks the text of the current language from an API's {th, en} pair. */
export function pick(text: { th: string; en?: string | null } | null | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'en' && text.en ? text.en : text.th;
}
