/** Provides the region table at once (the server's entry, src/index.ts); the browser loads it on demand. */
import { areaList } from '@vant/area-data';
import { provideRegionTable } from './regions';

provideRegionTable(areaList);
