import { render } from 'preact';
import '@fontsource/sarabun/thai-400.css';
import '@fontsource/sarabun/latin-400.css';
import '@fontsource/sarabun/thai-600.css';
import '@fontsource/sarabun/latin-600.css';
import './styles.css';
import './i18n';
import { App } from './app';

render(<App />, document.getElementById('app')!);
