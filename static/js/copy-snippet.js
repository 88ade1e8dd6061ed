// The widget page's "Copy snippet" button. Without JavaScript the button stays hidden and
// the snippet is a read-only text field to select and copy by hand.
(() => {
  "use strict";

  for (const button of document.querySelectorAll("[data-copy-snippet]")) {
    const field = document.getElementById(button.dataset.copySnippet);
    const status = button.parentElement.querySelector("[data-copied-text]");
    if (!field) {
      continue;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      field.focus();
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        // No clipboard access (an old browser, an insecure context): the text stays
        // selected, ready for Ctrl+C.
        return;
      }
      if (status) {
        status.textContent = status.dataset.copiedText;
      }
    });
  }
})();
