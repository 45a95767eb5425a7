// QuickWiki's script: it only improves pages that work without it.
//
// - Keyboard shortcuts, outside text fields: "e" edits the page, "h" shows
//   its history; in the editor, Ctrl+Enter (or Cmd+Enter) saves.
// - Live preview: a moment after the author stops typing, the edit form
//   is sent as its Preview button sends it (the same renderer, its limits,
//   the form's token), and the preview and the problems it lists replace
//   those on the page; a refusal (a text over the size limit, too many
//   requests) is shown in the preview's place.  Previews count against the
//   author's share of the wiki's rendering (quickwiki.rate_limit.costly):
//   they are spaced out, and stop, saying so, before they could use up
//   what saving needs.  Sending the form ends them, once the one running,
//   if any, is answered.  Without the script, the button does the same.
"use strict";

(function () {
  var PREVIEW_DELAY = 1000; // milliseconds of quiet before a preview
  var PREVIEW_SPACING = 4000; // and at least this long after the last one
  // At most this many in one visit: a third of the hour's default costly
  // share (300), leaving the rest to saving and the Preview button.
  var PREVIEW_MOST = 100;

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
  var sent = 0; // previews sent in this visit of the editor
  var lastSent = 0; // when the last one was sent
  var running = null; // the preview being answered, until it is
  var stopped = false;

  // The server's refusal of a preview: its notices (say, the text is over
  // the size limit), shown where the preview goes.
  function showRefusal(answer) {
    var notices = answer.querySelector("ul.flash");
    if (notices !== null) {
      previewSection().replaceChildren(notices);
    }
  }

  // No more previews in this visit.
  function halt() {
    stopped = true;
    window.clearTimeout(timer);
  }

  // No more previews in this visit, and the page's note that says so.
  function stop() {
    halt();
    var note = document.querySelector(".live-preview-stopped");
    if (note !== null) {
      note.hidden = false;
    }
  }

  function preview() {
    if (sent >= PREVIEW_MOST) {
      stop();
      return;
    }
    var number = ++sent;
    lastSent = Date.now();
    var data = new FormData(form);
    data.set("preview", "1");
    data.delete("save");
    var answered = fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.text().then(function (html) {
          return { status: response.status, html: html };
        });
      })
      .then(function (reply) {
        if (number !== sent) {
          return; // overtaken by a newer preview
        }
        var answer = new DOMParser().parseFromString(reply.html, "text/html");
        if (reply.status !== 200) {
          showRefusal(answer);
          if (reply.status === 429) {
            stop(); // the author's share is spent: saving needs the rest
          }
          return;
        }
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
      })
      .then(function () {
        if (running === answered) {
          running = null;
        }
      });
    running = answered;
  }

  // Once the form is sent, no preview follows it; and one still running
  // is let finish first, since the author's one place to render, which a
  // save needs, is the preview's until then.
  var waiting = false; // the form waits for the running preview
  form.addEventListener("submit", function (event) {
    halt();
    if (running === null) {
      return;
    }
    event.preventDefault();
    if (!waiting) {
      waiting = true;
      running.then(function () {
        form.requestSubmit(event.submitter); // running is null by now
      });
    }
  });

  content.addEventListener("input", function () {
    if (stopped) {
      return;
    }
    window.clearTimeout(timer);
    var wait = Math.max(PREVIEW_DELAY, lastSent + PREVIEW_SPACING - Date.now());
    timer = window.setTimeout(preview, wait);
  });
})();
