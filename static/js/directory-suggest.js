// Suggestions while typing in the directory's search field, as the ARIA 1.2 combobox
// pattern with a grouped listbox popup: the focus stays in the field, the arrow keys move
// an active option (aria-activedescendant), Enter opens it, Escape closes the popup, and a
// live region says how many suggestions there are. Without this script the field is a plain
// search field of the form, which is why nothing here is needed to search.
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 150;

  function setUp(input) {
    var url = input.getAttribute("data-suggest-url");
    var listId = input.id + "-suggestions";
    var container = input.parentNode;
    var listbox = document.createElement("div");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var pending = null;
    var shownFor = null;

    container.classList.add("suggest");
    listbox.id = listId;
    listbox.className = "suggest__list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.labels.length ? input.labels[0].textContent : "");
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    // Right after the field, so the popup opens below it (CSS: absolute, static position).
    input.insertAdjacentElement("afterend", listbox);
    container.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function announce(count) {
      var text;
      if (count === 0) {
        text = input.getAttribute("data-suggest-none");
      } else if (count === 1) {
        text = input.getAttribute("data-suggest-one");
      } else {
        text = input.getAttribute("data-suggest-many").replace("{count}", String(count));
      }
      status.textContent = text;
    }

    function setActive(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (active >= 0) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function go(option) {
      window.location.assign(option.getAttribute("data-url"));
    }

    function render(data) {
      listbox.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      data.groups.forEach(function (group, groupIndex) {
        var box = document.createElement("div");
        var heading = document.createElement("div");
        box.setAttribute("role", "group");
        heading.id = listId + "-group-" + groupIndex;
        heading.className = "suggest__group";
        heading.setAttribute("role", "presentation");
        heading.textContent = group.label;
        box.setAttribute("aria-labelledby", heading.id);
        box.appendChild(heading);
        group.items.forEach(function (item) {
          var option = document.createElement("div");
          option.id = listId + "-" + options.length;
          option.className = "suggest__option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.setAttribute("data-url", item.url);
          option.textContent = item.label;
          box.appendChild(option);
          options.push(option);
        });
        listbox.appendChild(box);
      });
      announce(options.length);
      if (options.length) {
        open();
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        shownFor = null;
        close();
        status.textContent = "";
        return;
      }
      if (query === shownFor) {
        open();
        return;
      }
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: pending.signal,
      })
        .then(function (response) {
          // A refused query (400) simply shows no suggestions: the form still searches.
          return response.ok ? response.json() : { groups: [] };
        })
        .then(function (data) {
          if (input.value.trim() !== query) {
            return;
          }
          shownFor = query;
          render(data);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            close();
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) {
          return;
        }
        event.preventDefault();
        if (!expanded) {
          open();
          if (event.altKey) {
            return;
          }
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= options.length) {
          next = 0;
        } else if (next < 0) {
          next = options.length - 1;
        }
        setActive(next);
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          go(options[active]);
        }
        // Otherwise the form is submitted as without this script.
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () {
      close();
    });

    // mousedown would move the focus away from the field and close the popup first.
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        go(option);
      }
    });
  }

  var input = document.querySelector("input[data-suggest-url]");
  if (input && window.fetch && window.AbortController) {
    setUp(input);
  }
})();
