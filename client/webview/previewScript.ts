/**
 * Script of the Markdown preview (`markdown.previewScripts`, bundled as one
 * IIFE: preview scripts load in no fixed order and share one global scope).
 * Terms already carry their definition as `title` (that works without
 * script); this makes each term focusable and shows the definition in a
 * popover on click or Enter, for keyboards and touch screens. It runs again
 * when the preview replaces its content (`vscode.markdown.updateContent`) and
 * when terms appear later (the content may arrive after the script ran).
 */
export {};

(() => {
  let popover: HTMLElement | undefined;

  const close = () => {
    popover?.remove();
    popover = undefined;
  };

  const show = (term: HTMLElement) => {
    close();
    const text = term.dataset.ccTitle ?? term.title;
    if (!text) return;
    const box = document.createElement('div');
    box.className = 'cc-popover';
    box.setAttribute('role', 'tooltip');
    const name = document.createElement('strong');
    name.textContent = term.dataset.term ?? term.textContent ?? '';
    box.append(name, document.createElement('br'), document.createTextNode(text));
    const r = term.getBoundingClientRect();
    box.style.left = `${Math.max(4, r.left + window.scrollX)}px`;
    box.style.top = `${r.bottom + window.scrollY + 4}px`;
    document.body.append(box);
    popover = box;
  };

  const enhance = () => {
    for (const term of Array.from(document.querySelectorAll<HTMLElement>('dfn.cc-term:not([tabindex])'))) {
      term.tabIndex = 0;
      term.setAttribute('role', 'button');
      term.dataset.ccTitle = term.title;
      term.addEventListener('click', (e) => {
        e.preventDefault();
        show(term);
      });
      term.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          show(term);
        } else if (e.key === 'Escape') close();
      });
    }
    document.body.dataset.ccEnhanced = String(document.querySelectorAll('dfn.cc-term').length);
  };

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  document.addEventListener('click', (e) => {
    if (popover && !(e.target instanceof Element && e.target.closest('dfn.cc-term, .cc-popover'))) close();
  });
  window.addEventListener('vscode.markdown.updateContent', () => {
    close();
    enhance();
  });
  // The preview may put its content in after this script ran (scripts load asynchronously):
  // terms that appear later are enhanced too.
  const start = () => {
    enhance();
    new MutationObserver((records) => {
      if (records.some((r) => r.addedNodes.length)) enhance();
    }).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
