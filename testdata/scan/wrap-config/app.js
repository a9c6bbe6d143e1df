const { isCheckoutOn, flagOrOff, limitFor } = require('./helpers');

const a = isCheckoutOn(true); // want key="new-checkout" fallback=true
const b = flagOrOff('dark-mode'); // want key="dark-mode" fallback=false type=bool
const c = limitFor('max-items'); // want key="max-items" fallback=10 implicit
const d = limitFor('max-items', 25); // want key="max-items" fallback=25
module.exports = { a, b, c, d };
