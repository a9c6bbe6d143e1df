// Every evaluation hook of @openfeature/react-sdk (open-feature/js-sdk packages/react/src/evaluation/use-feature-flag.ts).
import {
  useFlag, useSuspenseFlag, useBooleanFlagValue, useBooleanFlagDetails, useStringFlagValue, useStringFlagDetails,
  useNumberFlagValue, useNumberFlagDetails, useObjectFlagValue, useObjectFlagDetails,
} from '@openfeature/react-sdk';

export function Hooks() {
  const a = useFlag('of-generic', 'blue'); // want key="of-generic" fallback="blue" type=string
  const b = useSuspenseFlag('of-suspended', 3); // want key="of-suspended" fallback=3 type=number
  const c = useBooleanFlagDetails('of-bool-details', true, { updateOnContextChanged: false }); // want key="of-bool-details" fallback=true type=bool
  const d = useStringFlagValue('of-string', 'x'); // want key="of-string" fallback="x" type=string
  const e = useStringFlagDetails('of-string-details', 'y'); // want key="of-string-details" fallback="y" type=string
  const f = useNumberFlagValue('of-number', 1); // want key="of-number" fallback=1 type=number
  const g = useNumberFlagDetails('of-number-details', 2); // want key="of-number-details" fallback=2 type=number
  const h = useObjectFlagValue('of-object', { a: 1 }); // want key="of-object" fallback={"a":1} type=json
  const i = useObjectFlagDetails('of-object-details', []); // want key="of-object-details" fallback=[] type=json
  const j = useBooleanFlagValue('of-bool', false); // want key="of-bool" fallback=false type=bool
  return [a, b, c, d, e, f, g, h, i, j];
}
