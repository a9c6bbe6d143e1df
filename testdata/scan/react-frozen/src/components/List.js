import { useFlags } from 'launchdarkly-react-client-sdk'
import { FLAGS } from '../utils/flags'

export default function List() {
  const {
    [FLAGS.SLIDE_SHOW]: slideShow, // want key="slide-show"
    [FLAGS.PREV_NEXT]: prevNext = false, // want key="prev-next-bookable" fallback=false
  } = useFlags()
  return slideShow && prevNext
}
