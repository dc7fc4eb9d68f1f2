// Runs the same Swagger CLI plugin as `nest build` (see nest-cli.json), so tests see the same OpenAPI document.
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (compiler) =>
  plugin.before(
    { classValidatorShim: true, introspectComments: true, esmCompatible: true, dtoFileNameSuffix: ['.dto.ts'] },
    compiler.program,
  );
