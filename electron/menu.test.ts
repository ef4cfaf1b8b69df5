import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.ts';

const roles = (development: boolean) =>
  JSON.stringify(menuTemplate({ development }))
    .match(/"role":"(\w+)"/g)!
    .map((m) => m.slice(8, -1));

describe('the menu', () => {
  it('has editing and zoom everywhere, reload and developer tools only in development', () => {
    expect(roles(false)).toEqual(expect.arrayContaining(['quit', 'undo', 'copy', 'paste', 'selectAll', 'zoomIn', 'resetZoom']));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
