/**
 * Script of the Markdown preview (`markdown.previewScripts`, bundled as one
 * IIFE: preview scripts load in no fixed order and share one global scope).
 * Terms already carry their definition as `title` (that works without
 * script); this makes each term focusable and shows the definition in a
 * popover on click or Enter, for keyboards and touch screens. It runs again
 * when the preview replaces its content (`vscode.markdown.updateContent`).
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
    close();
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
  window.addEventListener('vscode.markdown.updateContent', enhance);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhance);
  else enhance();
})();
