// CommonJS exports.
exports.LIMIT_KEY = 'js-limit';
module.exports.LIMIT_DEFAULT = 10;
