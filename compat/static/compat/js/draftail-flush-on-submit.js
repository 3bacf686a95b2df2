/*
 * Draftail (Wagtail 7.4's rich text editor) copies what is typed into the form's hidden input 250 ms
 * after the last keystroke; with comments on (every page's edit form) that delay is fixed in
 * Wagtail's code. A save or submit inside that time (Ctrl+S right after typing, a quick click on
 * "Submit to Communications review") sent the text as it was before the last words:
 * tests/browser/test_typing_is_kept.py lost a whole sentence that way.
 *
 * Before a form is submitted, this writes every rich text field's current text into its input,
 * using what Wagtail exposes to Draftail plugins (window.Draftail.serialiseEditorStateToRaw) and
 * the editor instance Wagtail keeps on the input (input.draftailEditor). Comment highlights
 * (inline styles named COMMENT-...) are left out, as Wagtail's own save does.
 * Upstream: Wagtail 7.4.x, client/src/components/Draftail (initEditor, CommentableEditor).
 */
(function () {
  'use strict';

  function withoutCommentStyles(raw) {
    if (!raw || !raw.blocks) {
      return raw;
    }
    raw.blocks.forEach(function (block) {
      block.inlineStyleRanges = (block.inlineStyleRanges || []).filter(function (range) {
        return range.style.indexOf('COMMENT-') !== 0;
      });
    });
    return raw;
  }

  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (!window.Draftail || !window.Draftail.serialiseEditorStateToRaw || !form.querySelectorAll) {
        return;
      }
      form.querySelectorAll('input').forEach(function (input) {
        var editor = input.draftailEditor;
        if (!editor || typeof editor.getEditorState !== 'function') {
          return;
        }
        var raw = withoutCommentStyles(window.Draftail.serialiseEditorStateToRaw(editor.getEditorState()));
        input.rawContentState = raw;
        input.value = JSON.stringify(raw);
      });
    },
    true,
  );
})();
