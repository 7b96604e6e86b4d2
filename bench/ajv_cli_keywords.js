// ajv_cli_keywords.js - loaded by ajv-cli (-c) in make bench: registers the
// engine's x-error / x-error-at annotation keywords so ajv knows them.
'use strict';
module.exports = function addCampaignKeywords(ajv) {
  ajv.addKeyword({ keyword: 'x-error', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-error-at', schemaType: 'string' });
  return ajv;
};
