import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { focusables, useFocusTrap } from './use-focus-trap';

afterEach(cleanup);

function Dialog({ onEscape, onOuterKey }: { onEscape: () => void; onOuterKey: (key: string) => void }) {
  const onKey = useFocusTrap(onEscape);
  return (
    <div onKeyDown={(e) => onOuterKey(e.key)}>
      <button type="button">Behind</button>
      <div role="dialog" aria-modal="true" onKeyDown={onKey}>
        <button type="button">First</button>
        <button type="button" disabled>
          Disabled
        </button>
        <input aria-label="Name" />
        <span tabIndex={-1}>Not in the Tab order</span>
        <button type="button">Last</button>
      </div>
    </div>
  );
}

function setup() {
  const onEscape = vi.fn();
  const outer: string[] = [];
  render(<Dialog onEscape={onEscape} onOuterKey={(key) => outer.push(key)} />);
  return { onEscape, outer };
}

describe('useFocusTrap', () => {
  it('lists the controls Tab can reach, skipping disabled ones and tabindex -1', () => {
    setup();
    const names = focusables(screen.getByRole('dialog')).map((el) => el.textContent || el.getAttribute('aria-label'));
    expect(names).toEqual(['First', 'Name', 'Last']);
  });

  it('Tab from the last control goes to the first, Shift+Tab from the first to the last', async () => {
    setup();
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'Last' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'First' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Last' }));
  });

  it('leaves an ordinary step inside the dialog to the browser', async () => {
    setup();
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'First' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
  });

  it('Escape runs the dialog’s choice and goes no further out', async () => {
    const { onEscape, outer } = setup();
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'First' }).focus();
    await user.keyboard('{Escape}');
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(outer).toEqual([]);
    await user.keyboard('a');
    expect(outer).toEqual(['a']);
  });
});
