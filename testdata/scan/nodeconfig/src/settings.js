module.exports = { flags: {} };
