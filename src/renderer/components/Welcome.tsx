// First run, no profiles yet: what Hoist does, the one thing to do next, and the demo command for developers.
import { useApp, useT } from '../store/context';
import { Logo } from './Logo';

export function Welcome() {
  const openSettings = useApp((s) => s.openSettings);
  const t = useT();
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <Logo size={56} />
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p className="welcome-body">{t('welcome.body')}</p>
      <p>{t('welcome.step')}</p>
      <button type="button" className="button-primary button-large" onClick={() => openSettings('new')}>
        {t('welcome.add')}
      </button>
      <div className="welcome-dev">
        <h3>{t('welcome.devTitle')}</h3>
        <p>{t('welcome.devBody')}</p>
        <pre>
          <code>npm run demo</code>
        </pre>
      </div>
    </section>
  );
}
