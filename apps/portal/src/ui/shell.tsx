import type { ReactNode } from 'react';
import { signOut, type Session } from '../auth/session';
import type { RolePortal } from '../roles/portal';
import { Link, navigate, usePath } from '../router/router';

/**
 * The frame of every signed-in page: a skip link, the banner with who is signed in, the role's
 * navigation (the current page marked with aria-current), and the page in <main>.
 */
export function Shell({ session, portal, children }: { session: Session; portal?: RolePortal; children: ReactNode }) {
  const path = usePath();
  const active = portal?.nav
    .filter((item) => path === item.path || path.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">Health claims{portal ? ` · ${portal.title}` : ''}</p>
        <p className="who">
          Signed in as <strong>{session.label}</strong>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              signOut();
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </p>
      </header>
      {portal ? (
        <nav className="nav" aria-label={`${portal.title} pages`}>
          <ul>
            {portal.nav.map((item) => (
              <li key={item.path}>
                <Link to={item.path} aria-current={item === active ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main">{children}</main>
    </>
  );
}

/** A page's heading, focusable so navigation can move focus to it. */
export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}
