/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { enGB, type Catalogue } from '../../src/core/messages';
import { getCatalogue } from '../../src/core/messages/catalogues';
import { PaneController } from '../../src/taskpane/controller';
import { Pane } from '../../src/taskpane/components/Pane';
import { fakeEngine, fakeHost, NOW } from './helpers';

describe('a second language', () => {
  it('is a catalogue chosen at start: the pane shows its words, no code changes', () => {
    const cy = JSON.parse(JSON.stringify(enGB)) as { pane: { tabs: Record<string, string>; refresh: Record<string, unknown> } };
    cy.pane.tabs.refresh = 'Adnewyddu';
    cy.pane.tabs.thresholds = 'Trothwyon';
    cy.pane.refresh.button = 'Adnewyddu RAG';
    const messages = getCatalogue('cy-GB', { 'en-GB': enGB, cy: cy as unknown as Catalogue });
    const controller = new PaneController({ host: fakeHost('excel'), engine: fakeEngine(), messages, appVersion: 'x', now: () => NOW, previewDelay: 0 });
    render(<Pane controller={controller} messages={messages} theme="light" />);
    expect(screen.getByRole('button', { name: 'Adnewyddu RAG' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Trothwyon' })).toBeTruthy();
    expect(screen.queryByText('Refresh RAG')).toBeNull();
  });
});
