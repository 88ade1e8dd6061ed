// "Mein Profil": a small enhancement only; every page works without this script.
(() => {
  "use strict";

  // After a refused save, move the focus to the list of problems, so that screen reader and
  // keyboard users start there (unless the page was opened at an anchor, e.g. the preview).
  const summary = document.getElementById("form-errors");
  if (summary && !window.location.hash) {
    summary.focus();
  }
})();
