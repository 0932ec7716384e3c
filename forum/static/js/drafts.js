/* Drafts saved while typing (progressive: without this script, "Save as draft" does it by hand).
 *
 * Each writing form with a "Save as draft" button (data-draft-save) sends its fields, CSRF
 * token included, to that button's own address every few seconds while the member types.
 * The first save makes the draft; the form's draft_id field then holds its number, so each
 * later save updates that one draft, and sending the form lets go of it (the write rule does).
 */
(function () {
  "use strict";

  var EVERY_MS = 4000;

  function watch(button) {
    var form = button.form;
    var idField = form.querySelector('input[name="draft_id"]');
    var status = form.querySelector("[data-draft-status]");
    var changed = false;
    var stopped = false;
    var sending = null;

    function say(words) {
      if (status) {
        status.textContent = words;
      }
    }

    function hasWords(data) {
      return String(data.get("body") || "").trim() || String(data.get("title") || "").trim();
    }

    function answered(response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== 0) {
        // Signed out, slowed down or refused: the words stay in the form; try again later.
        changed = true;
        say("Not saved as a draft just now. It will try again in a moment.");
        return null;
      }
      return response.json().then(function (answer) {
        if (response.ok && answer.saved) {
          if (idField) {
            idField.value = String(answer.draft_id);
          }
          var time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          say("Saved as a draft at " + time + ". Only you can see it, under My drafts.");
          return;
        }
        stopped = Boolean(answer.stop);
        changed = !stopped;
        say(answer.error || "Not saved as a draft.");
      });
    }

    function save(keepalive) {
      if (!changed || stopped || sending) {
        return;
      }
      var data = new FormData(form);
      if (!hasWords(data)) {
        return;
      }
      changed = false;
      sending = fetch(button.formAction, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        keepalive: Boolean(keepalive),
        headers: { "X-Hearth-Autosave": "1", Accept: "application/json" },
      })
        .then(answered)
        .catch(function () {
          changed = true;
          say("Not saved as a draft: the connection dropped. It will try again.");
        })
        .then(function () {
          sending = null;
        });
    }

    form.addEventListener("input", function () {
      changed = true;
    });
    form.addEventListener("submit", function (event) {
      // Sent, or saved by hand (the button's own address takes the form): no more saves.
      stopped = true;
      // A first save still on its way: wait for its number, so that sending the form lets
      // go of that draft (and saving by hand updates it) rather than leaving a second one.
      if (sending && idField && !idField.value) {
        event.preventDefault();
        var submitter = event.submitter;
        sending.then(function () {
          if (submitter) {
            form.requestSubmit(submitter);
          } else {
            form.requestSubmit();
          }
        });
      }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        stopped = false; // back on the page from the browser's history: keep saving
      }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        save(true); // the member is leaving the page: keep what they typed last
      }
    });
    window.setInterval(save, EVERY_MS);
  }

  if (!window.fetch || !window.FormData) {
    return;
  }
  var buttons = document.querySelectorAll("button[data-draft-save]");
  for (var i = 0; i < buttons.length; i += 1) {
    if (buttons[i].form) {
      watch(buttons[i]);
    }
  }
})();
