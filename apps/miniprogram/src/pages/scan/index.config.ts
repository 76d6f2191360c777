export default definePageConfig({ navigationBarTitleText: '拍摄身份证' });
