import { configure } from '@testing-library/react';

// antd reads window.matchMedia, which jsdom lacks.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// antd's tables, selects, textareas and popups measure themselves with ResizeObserver, which jsdom lacks.
globalThis.ResizeObserver ??= class {
  observe() { /* nothing to measure */ }
  unobserve() { /* idem */ }
  disconnect() { /* idem */ }
} as unknown as typeof ResizeObserver;

// Testing Library's waitFor and findBy* give up after 1 s by default: on a loaded CI machine an antd render can take
// longer than that, and a test failed for it. They poll for a condition, so a generous limit costs nothing when the
// condition comes quickly; it only bounds how long a real failure takes to report.
configure({ asyncUtilTimeout: 20_000 });
