# One image for both processes; docker-compose.yml picks the command (API or worker).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Result files (EXPORT_DIR); a volume mounted here takes this owner.
RUN mkdir -p var/exports && chown node:node var/exports
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
