import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

import { href } from '../router';
import type { Viewer } from '../viewer';

const PAGES = [
  ['keys', 'Keys'],
  ['teams', 'Teams'],
  ['users', 'Users'],
  ['organizations', 'Organisations'],
  ['models', 'Models'],
  ['spend', 'Spend'],
] as const;

/** A sidebar from 900px up; on phones a top bar whose Menu button opens the same links. */
export function Layout({
  viewer,
  page,
  onLogout,
  children,
}: {
  viewer: Viewer;
  page: string;
  onLogout: () => void;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Switchyard</span>
        <button
          type="button"
          class="menu-button"
          aria-expanded={open}
          aria-controls="nav"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
      </header>
      <nav id="nav" class={open ? 'nav open' : 'nav'} aria-label="Main">
        <span class="brand">Switchyard</span>
        <ul>
          {PAGES.map(([id, label]) => (
            <li key={id}>
              <a
                href={href(id)}
                aria-current={page === id ? 'page' : undefined}
                onClick={() => setOpen(false)}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
        <div class="who">
          <span data-testid="viewer">{viewer.email ?? viewer.id}</span>
          <small>{viewer.role}</small>
          <button type="button" onClick={onLogout}>
            Log out
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
