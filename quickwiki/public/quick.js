// QuickWiki's script: it only improves pages that work without it.
//
// - Keyboard shortcuts, outside text fields: "e" edits the page, "h" shows
//   its history; in the editor, Ctrl+Enter (or Cmd+Enter) saves.
// - Live preview: a moment after the author stops typing, the edit form
//   is sent as its Preview button sends it (the same renderer, its limits,
//   the form's token), and the preview and the problems it lists replace
//   those on the page.  Without the script, the button does the same.
"use strict";

(function () {
  var PREVIEW_DELAY = 800; // milliseconds of quiet before a preview

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey || event.ctrlKey || typing(event.target)) {
      return;
    }
    var link = null;
    if (event.key === "e") {
      link = document.querySelector("nav.page-actions a.edit-link");
    } else if (event.key === "h") {
      link = document.querySelector("nav.page-actions a.history-link");
    }
    if (link !== null) {
      event.preventDefault();
      link.click();
    }
  });

  var form = document.querySelector("form.edit-page");
  if (form === null || !window.fetch || !window.DOMParser) {
    return;
  }
  var content = form.querySelector("textarea[name=content]");
  var save = form.querySelector("input[name=save]");

  content.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && save) {
      event.preventDefault();
      save.click();
    }
  });

  // Where the live preview goes: the page's own preview section if it has
  // one, otherwise a new one, announced politely to screen readers.
  function previewSection() {
    var section = document.querySelector("section.preview");
    if (section === null) {
      section = document.createElement("section");
      section.className = "preview";
      form.parentNode.insertBefore(section, form);
    }
    section.setAttribute("aria-live", "polite");
    return section;
  }

  function replaceProblems(fresh) {
    var old = document.querySelector("section.problems");
    if (old !== null) {
      old.remove();
    }
    if (fresh !== null) {
      form.parentNode.insertBefore(fresh, form);
    }
  }

  var timer = null;
  var sent = 0;

  function preview() {
    var number = ++sent;
    var data = new FormData(form);
    data.set("preview", "1");
    data.delete("save");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || number !== sent) {
          return; // refused, or overtaken by a newer preview
        }
        var answer = new DOMParser().parseFromString(html, "text/html");
        var fresh = answer.querySelector("section.preview");
        if (fresh !== null) {
          previewSection().replaceChildren.apply(
            previewSection(),
            Array.prototype.slice.call(fresh.childNodes)
          );
        }
        replaceProblems(answer.querySelector("section.problems"));
      })
      .catch(function () {
        // The network failed: the Preview button still works.
      });
  }

  content.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(preview, PREVIEW_DELAY);
  });
})();
