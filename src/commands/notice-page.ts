/** The notice dialog's page: shows the notice from the query string; Close tells the command to close the dialog. */
import { office } from '../core/messages/en-GB/office';
import { noticeFromSearch } from './notify';

function render(): void {
  const notice = noticeFromSearch(window.location.search);
  const main = document.getElementById('notice');
  const title = document.getElementById('title');
  const lines = document.getElementById('lines');
  const close = document.getElementById('close');
  if (!main || !title || !lines || !close) return;
  title.textContent = notice?.title ?? office.notice.title;
  main.dataset.kind = notice?.kind ?? 'success';
  for (const line of notice?.lines ?? []) {
    const p = document.createElement('p');
    p.textContent = line;
    lines.appendChild(p);
  }
  close.textContent = office.notice.close;
  const done = () => {
    try {
      Office.context.ui.messageParent('close');
    } catch {
      window.close();
    }
  };
  close.addEventListener('click', done);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') done();
  });
  close.focus();
}

Office.onReady(() => render());
