/* Anubhav: the poster toolbar's print button. A file of its own, not an inline handler: the
   posters' Content-Security-Policy allows scripts from the appliance only. */
document.getElementById('print').addEventListener('click', function () { window.print(); });
