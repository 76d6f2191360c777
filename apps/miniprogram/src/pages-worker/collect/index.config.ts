export default definePageConfig({ navigationBarTitleText: '入户采集' });
