// Flag keys shared by the server handlers. No SDK import here on purpose.
const NEW_CHECKOUT = 'checkout-v2';
const SHARED_DEFAULT = true;
const PRICING = { key: 'pricing-page', owner: 'growth' };
module.exports = { NEW_CHECKOUT, PRICING };
