// A shared reactive "is this a phone-sized screen" flag.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function useIsMobile(breakpoint = 768) {
  const mobile = ref(window.innerWidth < breakpoint)
  const on = () => (mobile.value = window.innerWidth < breakpoint)
  onMounted(() => window.addEventListener('resize', on))
  onBeforeUnmount(() => window.removeEventListener('resize', on))
  return mobile
}
