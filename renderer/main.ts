// Everything a BagTrax page runs: htmx 4 with its SSE extension, the Alpine islands (CSP build: no
// eval, no inline script) and the live-connection supervisor shared by every page.
import htmx from 'htmx.org';
import 'htmx.org/dist/ext/hx-sse.js';
import Alpine from '@alpinejs/csp';
import { superviseLiveRegions } from './live.js';
import { registerIslands } from './islands/index.js';
import './styles.css';

// A refused fragment request must never paint an error body over the scoreboard: keep the last good
// HTML and let the connection indicator speak.
htmx.config.noSwap = [204, 304, '4xx', '5xx'];
// A refresh morphs the scoreboard in place; whether its history and statistics are open is each
// spectator's own choice, so the morph never touches an `open` attribute (the server's only sets the
// first look of a <details>).
htmx.config.morphIgnore = [...((htmx.config.morphIgnore as string[] | undefined) ?? []), 'open'];

superviseLiveRegions(htmx);
registerIslands(Alpine);
Alpine.start();
