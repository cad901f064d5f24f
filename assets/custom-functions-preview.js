/* global window */
/* Outside Office there is no custom-functions runtime: a do-nothing CustomFunctions lets the
   functions bundle load quietly in the preview. Inside Excel office.js has already defined the
   real one, which this leaves alone. A file rather than an inline script, so the pane's
   Content-Security-Policy allows scripts from known origins only (docs/security.md). */
if (typeof window.CustomFunctions === 'undefined') {
  window.CustomFunctions = {
    associate: function () {},
    Error: function (code, message) { var e = new Error(message); e.code = code; return e; },
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    preview: true
  };
}
