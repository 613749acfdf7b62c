import { Page } from '../../components/Page';
import { useT } from '../../i18n';

export function NotFound() {
  const { t } = useT();
  return (
    <Page title={t('notFoundTitle')} lead={t('notFoundBody')}>
      <p>
        <a href="/">{t('home')}</a>
      </p>
    </Page>
  );
}
