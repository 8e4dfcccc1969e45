// Keyboard shortcuts of the review queue: j/k move between rows, q opens
// the selected reply (to qualify it), v validates it without qualification, d
// deletes it after confirmation, x ticks it for a bulk action. Every action is also a plain button, so the
// page works without this file.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-row]"));
  if (rows.length === 0) {
    return;
  }
  var current = -1;

  function select(i) {
    if (i < 0 || i >= rows.length) {
      return;
    }
    if (current >= 0) {
      rows[current].classList.remove("selected");
    }
    current = i;
    rows[i].classList.add("selected");
    rows[i].scrollIntoView({ block: "nearest" });
  }

  function submit(key) {
    var form = rows[current].querySelector('form[data-key="' + key + '"]');
    if (!form) {
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      return;
    }
    form.submit();
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) {
      return;
    }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) {
      return;
    }
    switch (e.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current < 0 ? 0 : current - 1);
        break;
      case "q":
        if (current >= 0 && rows[current].getAttribute("data-href")) {
          window.location.assign(rows[current].getAttribute("data-href"));
        }
        break;
      case "v":
      case "d":
        if (current >= 0) {
          submit(e.key);
        }
        break;
      case "e":
        // Edit: open the reply with its qualify form focused.
        if (current >= 0 && rows[current].getAttribute("data-href")) {
          window.location.assign(rows[current].getAttribute("data-href") + "#status");
        }
        break;
      case "/":
        var search = document.getElementById("f-q");
        if (search) {
          search.focus();
        }
        break;
      case "?":
        var help = document.querySelector(".shortcuts");
        if (help) {
          help.classList.toggle("highlight");
          help.scrollIntoView({ block: "nearest" });
        }
        break;
      case "x":
        if (current >= 0) {
          var box = rows[current].querySelector('input[name="ids"]');
          if (box) {
            box.checked = !box.checked;
          }
        }
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  // The header box ticks or unticks every row; bulk buttons that destroy ask first.
  var all = document.querySelector("input[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      rows.forEach(function (r) {
        var box = r.querySelector('input[name="ids"]');
        if (box) {
          box.checked = all.checked;
        }
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("#bulk button[data-confirm]"), function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.getAttribute("data-confirm"))) {
        e.preventDefault();
      }
    });
  });
  select(0);
})();
