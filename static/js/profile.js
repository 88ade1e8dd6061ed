// The profile page's enhancements. Without JavaScript every part works as plain HTML:
// gallery images are links to their largest rendition, the Mastodon form asks our server
// for a share link.
(() => {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const SWIPE_DISTANCE = 50;

  function icon(sprite, name) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "24");
    const use = document.createElementNS(SVG, "use");
    use.setAttribute("href", `${sprite}#${name}`);
    svg.append(use);
    return svg;
  }

  function button(sprite, name, label, className) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = className;
    const text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = label;
    element.append(icon(sprite, name), text);
    return element;
  }

  // The gallery: a modal <dialog> with the large image, its caption and "Image n of m".
  // showModal() keeps focus inside the dialog and makes the page behind it inert; Esc
  // closes it natively; focus goes back to the link that opened it.
  function enhanceGallery(list) {
    const links = [...list.querySelectorAll("[data-gallery-item]")];
    if (!links.length || typeof HTMLDialogElement !== "function") {
      return;
    }
    const labels = list.dataset;
    const sprite = labels.icons;

    const dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", labels.labelDialog);
    const close = button(sprite, "close", labels.labelClose, "lightbox__close");
    const figure = document.createElement("figure");
    figure.className = "lightbox__figure";
    const image = document.createElement("img");
    image.className = "lightbox__image";
    image.decoding = "async";
    const caption = document.createElement("figcaption");
    caption.className = "lightbox__caption";
    figure.append(image, caption);
    const counter = document.createElement("p");
    counter.className = "lightbox__counter";
    counter.setAttribute("aria-live", "polite");
    const previous = button(sprite, "previous", labels.labelPrevious, "lightbox__step");
    const next = button(sprite, "next", labels.labelNext, "lightbox__step");
    const controls = document.createElement("div");
    controls.className = "lightbox__controls";
    controls.append(previous, counter, next);
    dialog.append(close, figure, controls);
    // Joins the page when first opened: until then the page holds no empty image.

    let current = 0;
    let opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      const link = links[current];
      const thumbnail = link.querySelector("img");
      const text = link.closest("figure")?.querySelector("figcaption")?.textContent ?? "";
      image.removeAttribute("srcset");
      image.src = link.href;
      if (thumbnail) {
        image.alt = thumbnail.alt;
        // The rendition's own proportions (attributes, not the rendered size), so the
        // dialog keeps its shape while the large file loads.
        image.setAttribute("width", thumbnail.getAttribute("width") ?? "");
        image.setAttribute("height", thumbnail.getAttribute("height") ?? "");
        if (thumbnail.srcset) {
          image.srcset = thumbnail.srcset;
          image.sizes = "90vw";
        }
      }
      caption.textContent = text.trim();
      caption.hidden = !caption.textContent;
      counter.textContent = labels.labelCounter.replace("{position}", String(current + 1));
    }

    const single = links.length === 1;
    previous.hidden = single;
    next.hidden = single;

    links.forEach((link, index) => {
      link.addEventListener("click", (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
          return; // a new tab or window for the image, as the visitor asked
        }
        event.preventDefault();
        if (!dialog.isConnected) {
          list.after(dialog);
        }
        opener = link;
        show(index);
        dialog.showModal();
        close.focus();
      });
    });

    previous.addEventListener("click", () => show(current - 1));
    next.addEventListener("click", () => show(current + 1));
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) {
        dialog.close(); // a click on the backdrop
      }
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft" && !single) {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "ArrowRight" && !single) {
        event.preventDefault();
        show(current + 1);
      }
    });
    dialog.addEventListener("close", () => {
      opener?.focus();
    });

    let start = null;
    figure.addEventListener(
      "touchstart",
      (event) => {
        const touch = event.changedTouches[0];
        start = { x: touch.clientX, y: touch.clientY };
      },
      { passive: true },
    );
    figure.addEventListener("touchend", (event) => {
      if (!start || single) {
        return;
      }
      const touch = event.changedTouches[0];
      const dx = touch.clientX - start.x;
      const dy = touch.clientY - start.y;
      start = null;
      if (Math.abs(dx) > SWIPE_DISTANCE && Math.abs(dx) > Math.abs(dy)) {
        show(dx < 0 ? current + 1 : current - 1);
      }
    });
  }

  // Mastodon: go straight to the visitor's server when what they typed is a host name;
  // anything else goes to our server, which explains what it needs.
  const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

  function mastodonServer(value) {
    let text = value.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").split("/")[0];
    if (text.includes("@")) {
      text = text.slice(text.lastIndexOf("@") + 1);
    }
    text = text.replace(/\.$/, "");
    return HOST.test(text) ? text : null;
  }

  function enhanceMastodon(form) {
    form.addEventListener("submit", (event) => {
      const field = form.querySelector("input[name=instanz]");
      const server = field && mastodonServer(field.value);
      if (!server) {
        return;
      }
      event.preventDefault();
      const text = encodeURIComponent(form.dataset.shareText);
      window.location.assign(`https://${server}/share?text=${text}`);
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(enhanceGallery);
  document.querySelectorAll("[data-mastodon-share]").forEach(enhanceMastodon);
})();
