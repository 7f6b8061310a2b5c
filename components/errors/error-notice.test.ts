import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import AppError from '@/app/error';
import GlobalError from '@/app/global-error';
import { ErrorNotice } from './error-notice';

const serverError = Object.assign(new Error('An error occurred in the Server Components render.'), { digest: '1234567890' });
const props = { error: serverError, retry: () => {}, reset: () => {} };

/** Every element in a rendered tree, depth first (ErrorNotice has no hooks, so it can be called as is). */
function elements(node: ReactNode): ReactElement<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<{ children?: ReactNode }>(node)) return [];
  return [node as ReactElement<Record<string, unknown>>, ...elements(node.props.children)];
}

function expectFriendlyPage(html: string) {
  expect(html).toContain('<h1 class="text-3xl font-semibold tracking-tight">Something went wrong</h1>');
  expect(html).toContain('could not be shown because of a problem on our side');
  expect(html).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
  expect(html).toMatch(/<a href="\/"[^>]*>Go to the home page<\/a>/);
  expect(html).toContain('Reference for support: 1234567890');
  expect(html).not.toContain('Server Components render'); // the raw message is not for shoppers
}

describe('error pages', () => {
  it('app/error.tsx says what happened, offers "Try again" and a way home', () => {
    const html = renderToStaticMarkup(createElement(AppError, props));
    expectFriendlyPage(html);
    expect(html).not.toContain('<html');
  });

  it('app/global-error.tsx renders its own document', () => {
    const html = renderToStaticMarkup(createElement(GlobalError, props));
    expect(html).toMatch(/^<html lang="en">(<head>.*<\/head>)?<body[^>]*>.*<\/body><\/html>$/);
    expect(html).toContain('<title>Something went wrong · Inbound</title>');
    expectFriendlyPage(html);
  });

  it('"Try again" calls the retry it was given, and a value without a digest shows no reference', () => {
    const retry = vi.fn();
    const tree = ErrorNotice({ onRetry: retry, digest: null });
    const button = elements(tree).find((el) => el.type === 'button');
    (button!.props.onClick as () => void)();
    expect(retry).toHaveBeenCalledOnce();
    expect(renderToStaticMarkup(createElement(AppError, { ...props, error: 'thrown string' }))).not.toContain('Reference for support');
  });
});
