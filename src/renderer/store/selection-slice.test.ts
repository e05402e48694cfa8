import { describe, expect, it } from 'vitest';
import { makeItem } from '../test/fake-api';
import { initialSelectionState, selectedWhere, selectRow, visibleRows, withoutRemoved } from './selection-slice';

const rows = ['a', 'b', 'c', 'd', 'e'];
const none = { selected: new Set<string>(), anchor: null, current: null };

describe('queue selection', () => {
  it('a click selects one row, Ctrl/Cmd-click toggles, Shift-click selects from the anchor', () => {
    let s = selectRow(none, 'b', 'only', rows);
    expect([...s.selected]).toEqual(['b']);
    s = selectRow(s, 'd', 'toggle', rows);
    expect([...s.selected].sort()).toEqual(['b', 'd']);
    // The anchor is the last row clicked without Shift (d): a range runs from there, either way.
    s = selectRow(s, 'a', 'range', rows);
    expect([...s.selected]).toEqual(['a', 'b', 'c', 'd']);
    expect(s.current).toBe('a');
    s = selectRow(s, 'e', 'range', rows);
    expect([...s.selected]).toEqual(['d', 'e']);
    s = selectRow(s, 'e', 'toggle', rows);
    expect([...s.selected]).toEqual(['d']);
  });

  it('a Shift-click with no anchor, or an anchor no longer shown, selects the row alone', () => {
    expect([...selectRow(none, 'c', 'range', rows).selected]).toEqual(['c']);
    const s = { ...none, anchor: 'gone' };
    expect([...selectRow(s, 'c', 'range', rows).selected]).toEqual(['c']);
  });

  it('forgets rows main removed', () => {
    const s = { ...initialSelectionState, selected: new Set(['a', 'b']), anchor: 'b', current: 'b', detailsFor: 'b' };
    expect(withoutRemoved(s, [])).toEqual({});
    const patch = withoutRemoved(s, ['b']);
    expect([...patch.selected!]).toEqual(['a']);
    expect(patch).toMatchObject({ anchor: null, current: null, detailsFor: null });
  });

  it('filters the rows shown, and acts only on the selected rows that can take the action', () => {
    const items = new Map([
      ['a', makeItem('a', { kind: 'uploading' })],
      ['b', makeItem('b', { kind: 'done', etag: 'e', bytesSent: 1 })],
      ['c', makeItem('c', { kind: 'failed', error: { code: 'X', message: 'x' }, cleanup: 'none-needed' })],
    ]);
    const order = ['a', 'b', 'c'];
    expect(visibleRows(order, items, 'all')).toBe(order);
    expect(visibleRows(order, items, 'active')).toEqual(['a']);
    expect(visibleRows(order, items, 'finished')).toEqual(['b', 'c']);
    const selected = new Set(['a', 'c', 'gone']);
    expect(selectedWhere({ selected, items }, (i) => i.state.kind === 'failed')).toEqual(['c']);
    expect(selectedWhere({ selected, items }, () => true)).toEqual(['a', 'c']);
  });
});
