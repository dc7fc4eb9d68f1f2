-- Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d), as the owner role
-- (POSTGRES_USER, here `dragnet`). Dragnet's API and worker log in as `dragnet_app`, which may read
-- and write rows but owns nothing: it cannot change the schema, drop tables or disable the audit
-- trail's triggers. Migrations run as `dragnet` (the `migrate` service).
CREATE ROLE dragnet_app LOGIN PASSWORD 'dragnet_app';
GRANT CONNECT ON DATABASE dragnet TO dragnet_app;
GRANT USAGE ON SCHEMA public TO dragnet_app;
-- Tables and sequences the migrations create later (as dragnet) are usable by dragnet_app.
ALTER DEFAULT PRIVILEGES FOR ROLE dragnet IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dragnet_app;
ALTER DEFAULT PRIVILEGES FOR ROLE dragnet IN SCHEMA public
  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO dragnet_app;
ALTER DEFAULT PRIVILEGES FOR ROLE dragnet IN SCHEMA public
  GRANT EXECUTE ON FUNCTIONS TO dragnet_app;
