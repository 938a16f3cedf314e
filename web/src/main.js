import { createApp } from 'vue'
import App from './App.vue'
import router from './router.js'
import element from './plugins/element-login.js'
import './styles/main.css'

const app = createApp(App)
app.use(element)
app.use(router)
app.mount('#app')
