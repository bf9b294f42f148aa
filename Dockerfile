FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# As `npm start`: V8 otherwise lets a replaying worker's garbage grow the heap to several times
# what is live (BENCHMARKS.md, "Replay memory").
ENV NODE_OPTIONS=--max-old-space-size=192
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/apps/hub/src/main.js"]
