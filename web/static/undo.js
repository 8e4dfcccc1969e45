// The undo of a deletion is offered for ten seconds, then the button goes:
// the reply stays recoverable by an administrator from the audit log.
(function () {
  "use strict";
  var undo = document.querySelector("form[data-undo]");
  if (undo) {
    window.setTimeout(function () {
      undo.remove();
    }, 10000);
  }
})();
