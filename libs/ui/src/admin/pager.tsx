import { Button } from '../components/index.js';
import { navigate } from '../router.js';

/**
 * Previous / next over a keyset-paged list whose cursor is in the address: `earlier` holds the
 * cursors of the pages before this one ('' = the first), "Previous" pops one.
 */
export function Pager(props: {
  cursor: string;
  nextCursor: string | null | undefined;
  loading: boolean;
  earlier: string[];
  setEarlier: (earlier: string[]) => void;
  pathTo: (cursor: string) => string;
}) {
  const { cursor, earlier, setEarlier } = props;
  return (
    <nav class="pager" aria-label="Pages">
      <Button
        disabled={earlier.length === 0 && !cursor}
        onClick={() => {
          const previous = earlier.length ? earlier[earlier.length - 1] : '';
          setEarlier(earlier.slice(0, -1));
          navigate(props.pathTo(previous));
        }}
      >
        Previous page
      </Button>
      <Button
        disabled={!props.nextCursor || props.loading}
        onClick={() => {
          setEarlier([...earlier, cursor]);
          navigate(props.pathTo(props.nextCursor ?? ''));
        }}
      >
        Next page
      </Button>
    </nav>
  );
}
