// Disclosures that are folded on phones and open on wide screens: the main menu and the
// filters of the lists (<details data-open-wide="(min-width: …)">). Without JavaScript they
// still work as plain <details>; browsers that know ::details-content show them open on wide
// screens by CSS alone. This script opens them there in every other browser, and closes the
// menu again with Escape.
(() => {
  "use strict";

  for (const details of document.querySelectorAll("details[data-open-wide]")) {
    const wide = window.matchMedia(details.dataset.openWide || "(min-width: 64rem)");
    const follow = () => {
      details.open = wide.matches;
    };
    follow();
    wide.addEventListener("change", follow);

    const summary = details.querySelector("summary");
    details.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && details.open && !wide.matches && summary) {
        details.open = false;
        summary.focus();
      }
    });
  }
})();
