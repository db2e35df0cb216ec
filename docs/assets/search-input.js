// Offline copies only (added by practice_kb/site/assembly.py when the offline plugin is on).
//
// Material's lunr search reads its field on three occasions: when its index is
// ready, when the field takes the focus, and on `keyup`. Text that reaches the
// field without a key being released is never searched: a word pasted with the
// mouse, dictated, picked from an on-screen or input-method keyboard, or typed
// through a tool that only inserts text (Playwright does this for every character
// that is not on a US keyboard, so for every Arabic letter). Whatever was in the
// field when the index became ready was searched, anything after it was not, and
// the results stayed at "type to start searching" or showed a search for the first
// letters only: which one depended on how fast the index was built.
//
// Every change of the field is an `input` event, whatever caused it; this hands
// each one to Material as the `keyup` it listens to. A real key still sends its own
// `keyup` as well: Material ignores a value it has already searched for.
(function () {
  "use strict";
  function searchNow(field) {
    field.dispatchEvent(new KeyboardEvent("keyup"));
  }
  document.addEventListener(
    "input",
    function (event) {
      var field = event.target;
      if (!(field instanceof HTMLInputElement) || !field.matches("input.md-search__input")) return;
      if (event.isComposing) return; // an input method is still composing the word
      searchNow(field);
    },
    true
  );
  document.addEventListener(
    "compositionend",
    function (event) {
      var field = event.target;
      if (field instanceof HTMLInputElement && field.matches("input.md-search__input")) searchNow(field);
    },
    true
  );
})();
